// Declarations only (see RCTBridgeModule.h).
#pragma once
#import <Foundation/Foundation.h>
@interface RCTConvert : NSObject
+ (NSString *)NSString:(id)json;
+ (NSInteger)NSInteger:(id)json;
+ (BOOL)BOOL:(id)json;
+ (NSDictionary *)NSDictionary:(id)json;
+ (NSArray *)NSArray:(id)json;
@end
