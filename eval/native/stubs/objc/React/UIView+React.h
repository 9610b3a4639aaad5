#pragma once
#import <UIKit/UIKit.h>
@interface UIView (React)
@property (nonatomic, copy) NSNumber *reactTag;
@end
